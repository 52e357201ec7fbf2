"""The stage and type models as plain arrays, for a fast start with numpy alone.

Loading scikit-learn and skops takes about a second; ``voicecheck train`` therefore
also writes each model's weights as ``<task>.arrays.npz`` (numbers) and
``<task>.arrays.json`` (classes, terms, column layout, readable names and the sha256
of the ``.skops`` file they came from). ``analyze`` and ``check`` read these; the answers
(labels, probabilities, cues) are those of the scikit-learn pipeline, which a test checks.
"""

import hashlib
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .model import LOW_CONFIDENCE, TASKS, model_row, top_cues
from .records import Prediction

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern


@dataclass
class LinearTask:
    """One task's pipeline, ``ColumnTransformer(TF-IDF, scaler, scaler) -> LogisticRegression``,
    as arrays: the same probabilities and cues with numpy alone."""

    meta: dict  # classes, terms, signal and vector columns, readable feature names, skops sha256
    arrays: dict  # idf, signal_mean/scale, vector_mean/scale, coef, intercept

    def __post_init__(self) -> None:
        self.index = {term: i for i, term in enumerate(self.meta["terms"])}
        self.readable = [*(f"«{term}»" for term in self.meta["terms"]), *self.meta["readable_dense"]]
        signals = len(self.meta["signal_columns"])
        self.signal = [False] * len(self.meta["terms"]) + [True] * signals
        self.signal += [False] * (len(self.readable) - len(self.signal))

    @classmethod
    def export(cls, task_model, skops_sha256: str) -> "LinearTask":
        features = task_model.pipeline.named_steps["features"]
        classifier = task_model.pipeline.named_steps["classifier"]
        words, signals, meaning = (features.named_transformers_[n] for n in ("words", "signals", "meaning"))
        columns = {name: list(map(int, cols)) for name, _, cols in features.transformers_ if name != "words"}
        terms = sorted(words.vocabulary_, key=words.vocabulary_.get)
        meta = {
            "classes": [str(c) for c in classifier.classes_],
            "terms": terms,
            "signal_columns": columns["signals"],
            "vector_columns": columns["meaning"],
            "readable_dense": task_model.readable[len(terms) :],
            "weights": features.transformer_weights or {"words": 1.0, "signals": 1.0, "meaning": 1.0},
            "skops_sha256": skops_sha256,
        }
        arrays = {
            "idf": words.idf_,
            "signal_mean": signals.mean_,
            "signal_scale": signals.scale_,
            "vector_mean": meaning.mean_,
            "vector_scale": meaning.scale_,
            "coef": classifier.coef_,
            "intercept": classifier.intercept_,
        }
        return cls(meta, arrays)

    def transform(self, row: list):
        """The model's input columns for one ``model_row``: word indices and values, dense rest."""
        import numpy as np

        tokens = TOKEN.findall(str(row[0]).lower())
        counts = Counter(t for t in (*tokens, *map(" ".join, itertools.pairwise(tokens))) if t in self.index)
        indices = np.array(sorted(self.index[t] for t in counts), dtype=np.int64)
        terms = self.meta["terms"]
        values = np.array([1.0 + np.log(counts[terms[i]]) for i in indices]) * self.arrays["idf"][indices]
        norm = np.linalg.norm(values)
        weights = self.meta["weights"]
        values = weights["words"] * (values / norm if norm else values)
        signals = np.array([float(row[c]) for c in self.meta["signal_columns"]])
        vector = np.array([float(row[c]) for c in self.meta["vector_columns"]])
        signals = weights["signals"] * (signals - self.arrays["signal_mean"]) / self.arrays["signal_scale"]
        vector = weights["meaning"] * (vector - self.arrays["vector_mean"]) / self.arrays["vector_scale"]
        return indices, values, np.concatenate([signals, vector])

    def predict(self, row: list) -> Prediction:
        import numpy as np

        indices, values, dense = self.transform(row)
        coef = self.arrays["coef"]
        offset = len(self.meta["terms"])
        scores = coef[:, indices] @ values + coef[:, offset:] @ dense + self.arrays["intercept"]
        probabilities = np.exp(scores - scores.max())
        probabilities /= probabilities.sum()
        best = int(np.argmax(probabilities))
        present = dense != 0
        columns = [*indices.tolist(), *(offset + np.flatnonzero(present)).tolist()]
        row_values = [*values, *dense[present]]
        contributions = [*(values * coef[best, indices]), *(dense[present] * coef[best, offset:][present])]
        return Prediction(
            label=self.meta["classes"][best],
            probability=float(probabilities[best]),
            low_confidence=bool(probabilities[best] < LOW_CONFIDENCE),
            cues=top_cues(columns, row_values, contributions, self.readable, self.signal),
        )


@dataclass
class LinearModels:
    tasks: dict[str, LinearTask]

    @classmethod
    def export(cls, classifier, directory: Path) -> "LinearModels":
        return cls(
            {
                task: LinearTask.export(model, file_sha256(directory / f"{task}.skops"))
                for task, model in classifier.models.items()
            }
        )

    def save(self, directory: Path) -> None:
        import numpy as np

        for task, model in self.tasks.items():
            (directory / f"{task}.arrays.json").write_text(
                json.dumps(model.meta, ensure_ascii=False), encoding="utf-8"
            )
            np.savez_compressed(directory / f"{task}.arrays.npz", **model.arrays)

    @classmethod
    def load(cls, directory: Path) -> "LinearModels | None":
        """The arrays beside the ``.skops`` models, or None when they are missing or
        were not exported from the ``.skops`` files that are there now."""
        import numpy as np

        tasks = {}
        for task in TASKS:
            meta_path, arrays_path = directory / f"{task}.arrays.json", directory / f"{task}.arrays.npz"
            if not (meta_path.exists() and arrays_path.exists()):
                return None
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("skops_sha256") != file_sha256(directory / f"{task}.skops"):
                return None
            with np.load(arrays_path, allow_pickle=False) as data:
                arrays = {key: data[key] for key in data.files}
            tasks[task] = LinearTask(meta, arrays)
        return cls(tasks)

    def predict(self, inputs: list[dict]) -> list[tuple[Prediction, Prediction]]:
        rows = [model_row(i["lemmas"], i["features"], i["vector"]) for i in inputs]
        return [(self.tasks["stage"].predict(row), self.tasks["type"].predict(row)) for row in rows]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
