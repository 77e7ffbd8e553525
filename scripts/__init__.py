"""Maintenance scripts: model training, README generation and screenshots.

Run each from the repository root as a module, for example
``.venv/bin/python -m scripts.train_tone_articles``.
"""
