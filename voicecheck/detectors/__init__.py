"""spaCy components that find voice, cases, calls to action and impersonal tone.

Importing this package registers the factories ``voicecheck_voice``,
``voicecheck_cases``, ``voicecheck_cta`` and ``voicecheck_tone``.
"""

from . import cases, cta, tone, voice
from .common import SPAN_KEYS, detector_spans

__all__ = ["SPAN_KEYS", "cases", "cta", "detector_spans", "tone", "voice"]
