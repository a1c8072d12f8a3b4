"""`rsca standards-coverage`: the spelling the programme documents; the same command as `standards_coverage`."""

from rsca.standards.management.commands.standards_coverage import Command

__all__ = ["Command"]
