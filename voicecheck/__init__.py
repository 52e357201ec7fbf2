"""voicecheck: does a Russian post have a voice, a positioning and a place in the funnel?"""

__version__ = "0.1.0"


def analyze(posts, **options) -> list:
    """Analyse posts (strings, dicts with a ``text`` key, or ``Post`` records) and return
    a list of one ``PostResult`` a post, in order. The dicts are read together, as a file's
    rows are: their slashed dates are read month first when one of them can only be
    (12/25/2024), and each warning is given once. For a stream too long to hold, iterate
    ``voicecheck.analysis.analyze_posts``, which reads each dict alone."""
    from .analysis import analyze_posts
    from .feed import posts_from_texts

    return list(analyze_posts(posts_from_texts(posts), **options))


__all__ = ["__version__", "analyze"]
