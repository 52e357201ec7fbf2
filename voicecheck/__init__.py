"""voicecheck: does a Russian post have a voice, a positioning and a place in the funnel?"""

__version__ = "0.1.0"


def analyze(posts, **options):
    """Analyse posts (strings, dicts with a ``text`` key, or ``Post`` records) and return
    one ``PostResult`` a post, in order. See ``voicecheck.analysis.analyze_posts``."""
    from .analysis import analyze_posts

    return analyze_posts(posts, **options)


__all__ = ["__version__", "analyze"]
