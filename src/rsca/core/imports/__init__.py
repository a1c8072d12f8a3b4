"""The one import pipeline (see `pipeline`), its value parsers (`values`) and its upload storage (`storage`)."""
