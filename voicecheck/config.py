"""Settings of the draft checker: ``voicecheck.toml`` or ``[tool.voicecheck]`` in
``pyproject.toml``, found by walking up from the current folder (the first folder
with either wins; in one folder ``voicecheck.toml`` comes first).

```toml
select = ["VC"]            # code prefixes (or dotted-name prefixes) to run
ignore = ["VC302"]
min-severity = "warning"   # suggestion | warning | error
format = "text"            # text | json | github

[rules.VC301]              # in pyproject.toml: [tool.voicecheck.rules.VC301]
max_count = 1
```

Options given on the command line win over the file.
"""

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .records import SEVERITIES
from .rules import BY_CODE, RULES, Rule

CONFIG_FILE = "voicecheck.toml"
PYPROJECT = "pyproject.toml"
FORMATS = ("text", "json", "github")
KEYS = frozenset({"select", "ignore", "min-severity", "format", "rules"})


class ConfigError(Exception):
    """A broken or unknown setting: one line for the user, exit code 2."""


@dataclass(slots=True)
class Settings:
    select: tuple[str, ...] = ("VC",)
    ignore: tuple[str, ...] = ()
    min_severity: str = "suggestion"
    format: str = "text"
    params: dict[str, dict] = field(default_factory=dict)  # rule code -> overridden params
    source: Path | None = None  # the file the settings came from

    def override(self, **options) -> "Settings":
        """These settings with the command line's options (None: not given) on top."""
        given = {key: value for key, value in options.items() if value not in (None, ())}
        return replace(self, **given)

    def params_of(self, rule: Rule) -> dict:
        return {**rule.params, **self.params.get(rule.code, {})}

    def active_rules(self) -> list[Rule]:
        return [rule for rule in RULES if is_selected(rule, self.select, self.ignore)]


def is_selected(rule: Rule, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """ruff's manner: the longest matching prefix decides; on a tie, ignore wins."""
    chosen = _longest_match(rule, select)
    dropped = _longest_match(rule, ignore)
    return chosen > dropped


def _longest_match(rule: Rule, prefixes: tuple[str, ...]) -> int:
    lengths = [len(p) for p in prefixes if _matches(rule, p)]
    return max(lengths, default=-1)


def _matches(rule: Rule, prefix: str) -> bool:
    prefix = prefix.strip()
    if prefix.upper() == "ALL":
        return True
    return rule.code.startswith(prefix.upper()) or rule.name.startswith(prefix.lower())


def check_selectors(selectors: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Selectors as given, or a ConfigError naming one that matches no rule."""
    for selector in selectors:
        if not any(_matches(rule, selector) for rule in RULES):
            raise ConfigError(f"{option}: {selector!r} matches no rule; see `voicecheck rules`.")
    return selectors


def split_list(value: str | None) -> tuple[str, ...]:
    """A comma-separated command-line list: ``VC3,VC401``."""
    if value is None:
        return ()
    return tuple(item.strip() for item in value.split(",") if item.strip())


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest settings file at or above ``start`` and its voicecheck table."""
    for folder in (start, *start.parents):
        own = folder / CONFIG_FILE
        if own.is_file():
            return own, _read_toml(own)
        project = folder / PYPROJECT
        if project.is_file():
            table = _read_toml(project).get("tool", {}).get("voicecheck")
            if table is not None:
                return project, table
    return None


def load_settings(start: Path | None = None, *, explicit: str | None = None) -> Settings:
    """Settings from ``explicit`` (a voicecheck.toml or pyproject.toml), else from the
    nearest settings file above ``start`` (the current folder), else the defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such settings file.")
        table = _read_toml(path)
        found = (path, table.get("tool", {}).get("voicecheck", {}) if path.name == PYPROJECT else table)
    else:
        found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return Settings()
    return settings_from_table(found[1], source=found[0])


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the settings ({error}).") from error


def settings_from_table(table: dict, *, source: Path | None = None) -> Settings:
    where = str(source or "settings")
    unknown = set(table) - KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(KEYS))}."
        )
    settings = Settings(source=source)
    for key in ("select", "ignore"):
        if key in table:
            setattr(settings, key, check_selectors(_string_list(table[key], where, key), f"{where}: {key}"))
    if "min-severity" in table:
        settings.min_severity = _choice(table["min-severity"], SEVERITIES, where, "min-severity")
    if "format" in table:
        settings.format = _choice(table["format"], FORMATS, where, "format")
    settings.params = _rule_params(table.get("rules", {}), where)
    return settings


def _string_list(value, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where}: {key} must be a list of rule code prefixes, like ["VC3"].')
    return tuple(value)


def _choice(value, choices: tuple[str, ...], where: str, key: str) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}; got {value!r}.")
    return value


def _rule_params(table, where: str) -> dict[str, dict]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: rules must be a table of rule codes, like [rules.VC301].")
    params: dict[str, dict] = {}
    for code, values in table.items():
        rule = BY_CODE.get(code.upper())
        if rule is None:
            raise ConfigError(f"{where}: rules.{code}: no such rule; see `voicecheck rules`.")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: rules.{code} must be a table of parameters.")
        params[rule.code] = {name: _param(rule, name, value, where) for name, value in values.items()}
    return params


def _param(rule: Rule, name: str, value, where: str):
    if name not in rule.params:
        known = ", ".join(rule.params) or "none"
        raise ConfigError(f"{where}: rules.{rule.code}.{name}: no such parameter (known: {known}).")
    default = rule.params[name]
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, int | float):
        ok = isinstance(value, int | float)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(f"{where}: rules.{rule.code}.{name} must be like {default!r}; got {value!r}.")
    return value
