"""RSCA Platform: Responsible Supply Chains in Asia."""
