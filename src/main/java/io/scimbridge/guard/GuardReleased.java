package io.scimbridge.guard;

import java.util.List;

/**
 * Fired after an operator released held removals: their owners are delivered again (delivery marks
 * users and groups dirty, the assignment coordinator runs), and this time the removals are sent.
 */
public record GuardReleased(List<HeldRemoval> released) {
}
