"""`rsca check-payroll`: the spelling the programme documents; the same command as `check_payroll`."""

from rsca.compliance.management.commands.check_payroll import Command

__all__ = ["Command"]
