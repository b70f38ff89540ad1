"""Test support shared by every app: a small world of places, bodies and personas."""
