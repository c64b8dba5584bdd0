"""Screening as a service: a self-hosted, drop-in replacement for Google's Perspective API
(``/v1alpha1/comments:analyze`` and ``comments:suggestscore``) and a Coral Talk external
moderation phase (``/coral/moderate``). See README, "Replacing Perspective API"."""
