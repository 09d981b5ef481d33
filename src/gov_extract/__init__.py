"""gov-extract: tables of people, posts, bodies, places and events from Russian
government press releases."""

__version__ = "0.3.1"
