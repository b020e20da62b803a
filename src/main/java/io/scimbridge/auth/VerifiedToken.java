package io.scimbridge.auth;

/** A token that passed every check: who is calling, as far as the bridge cares. */
public record VerifiedToken(String id, String source, boolean admin) {}
