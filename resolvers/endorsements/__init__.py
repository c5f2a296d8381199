"""Endorsements (Bastion): so far the webhook receiver that feeds the subscriptions.

``webhooks`` checks, de-duplicates and publishes Bastion's webhook deliveries on the event
bus (topic ``bastion.endorsements``), and registers the gateway's URL with Bastion at start.
"""
