"""The web layer: the app factory, URL scheme, page models, views and templates' helpers."""
