"""Public JSON API (/api/v1/, django-ninja) and the embeddable thread (/embed.js)."""
