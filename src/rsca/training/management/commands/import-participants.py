"""`rsca import-participants`: the command name the issue uses (hyphenated); see import_participants."""

from rsca.training.management.commands.import_participants import Command

__all__ = ["Command"]
