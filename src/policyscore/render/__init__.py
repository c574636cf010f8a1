"""Renderers: results -> text. They format; they compute nothing."""
