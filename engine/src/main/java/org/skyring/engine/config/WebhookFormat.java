package org.skyring.engine.config;

/** Body of an alert webhook: Skyring's own JSON alert, or a Slack-compatible message ({"text": ..., "blocks": ...}). */
public enum WebhookFormat { JSON, SLACK }
