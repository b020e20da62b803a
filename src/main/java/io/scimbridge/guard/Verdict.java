package io.scimbridge.guard;

/** What the guard says to one removal. */
public enum Verdict {
    /** Send it. */
    SEND,
    /** Tripped: not sent, asked again at the owner's next delivery, until released or no longer asked for. */
    HOLD,
    /** It takes something from a protected user or group ({@code protect:}): never sent. */
    REFUSE
}
