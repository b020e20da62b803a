package io.scimbridge.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One drill's outcome: IdP writes accepted, Identity Center's mismatches with them, duplicates,
 * dead letters, wall time; plus the drill's own figures (seed, kills, convergence after recovery).
 */
record DrillResult(String drill, int accepted, Convergence convergence, long deadLetters, int bad5xx, Duration time,
                   Map<String, Object> details) {

    DrillResult {
        details = new LinkedHashMap<>(details);
    }

    int mismatches() {
        return convergence.mismatches().size();
    }

    int duplicates() {
        return convergence.duplicates().size();
    }

    /** Nothing accepted was lost (or stuck as a dead letter) and nothing was created twice. */
    boolean correct() {
        return mismatches() == 0 && duplicates() == 0 && deadLetters == 0;
    }

    /** Every failure the IdP saw was a proper SCIM 503/429 with Retry-After (never a 500). */
    boolean failedProperly() {
        return bad5xx == 0;
    }

    /** The short result line every drill prints. */
    String line() {
        StringBuilder b = new StringBuilder(String.format(
                "DRILL %-18s accepted=%d mismatches=%d (groups with wrong members=%d) duplicates=%d dead=%d bad5xx=%d time=%.1fs",
                drill, accepted, mismatches(), convergence.membershipMismatches(), duplicates(), deadLetters, bad5xx,
                time.toMillis() / 1000d));
        details.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    ObjectNode json() {
        ObjectNode o = DrillIdp.JSON.createObjectNode();
        o.put("drill", drill).put("accepted", accepted).put("mismatches", mismatches()).put("duplicates", duplicates())
                .put("membershipMismatches", convergence.membershipMismatches()).put("deadLetters", deadLetters).put("bad5xx", bad5xx).put("seconds", time.toMillis() / 1000d);
        details.forEach((k, v) -> o.set(k, DrillIdp.JSON.valueToTree(v)));
        o.set("firstMismatches", DrillIdp.JSON.valueToTree(convergence.mismatches().stream().limit(10).toList()));
        return o;
    }
}
