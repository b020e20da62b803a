package io.scimbridge.iamusers;

import java.util.List;

/** One line of the retirement plan. */
public sealed interface Step {

    ClassifiedUser target();

    /** Why this step (or why nothing yet). */
    String reason();

    /** Stage 1: make {@code keys} Inactive and delete the console password if there is one. Reversible. */
    record Disable(ClassifiedUser target, List<String> keys, boolean deletePassword, String reason) implements Step {
        public Disable {
            keys = List.copyOf(keys);
        }
    }

    /** Stage 2: remove everything IAM requires, then DeleteUser. Not reversible. */
    record Delete(ClassifiedUser target, Retirement stageOne, String reason) implements Step {
    }

    /** Nothing now: waiting for retire.after or the quiet period, or stopped because the user was used again. */
    record Wait(ClassifiedUser target, String reason) implements Step {
    }

    default String action() {
        return switch (this) {
            case Disable d -> "disable";
            case Delete d -> "delete";
            case Wait w -> "wait";
        };
    }
}
