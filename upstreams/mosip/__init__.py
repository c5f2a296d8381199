"""MOSIP Partner Management, MISP service: MISPs and their license keys.

``wire`` (names and codes the client and the simulator share), ``simulator/`` (the
stand-in API).
"""
