package io.scimbridge.rules;

import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "did you mean ...?" for misspelt keys and attribute names. */
public final class Suggestions {

    private Suggestions() {}

    /** {@code " (did you mean 'x'?)"}, or "" when nothing is close to {@code wrong}. */
    public static String didYouMean(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = wrong.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerated = Math.max(2, wrong.length() / 3);
        if (best != null && bestDistance <= tolerated) {
            return " (did you mean '" + best + "'?)";
        }
        if (w.length() >= 3) { // an abbreviation: "lower" for "lowercase"
            for (String candidate : known) {
                if (candidate.toLowerCase(Locale.ROOT).startsWith(w)) {
                    return " (did you mean '" + candidate + "'?)";
                }
            }
        }
        return "";
    }

    /** A suggestion for an attribute path that does not resolve against {@code schema}. */
    static String didYouMeanAttribute(AttributePath path, ResourceSchema schema) {
        List<String> names = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>(schema.extensions());
        schemas.addFirst(schema.core());
        for (Schema s : schemas) {
            for (AttributeDef a : s.attributes()) {
                if (path.subAttribute() == null) {
                    names.add(a.name());
                } else {
                    a.subAttributes().forEach(sub -> names.add(a.name() + "." + sub.name()));
                }
            }
        }
        List.of("id", "externalId").forEach(names::add);
        String written = path.subAttribute() == null ? path.attribute() : path.attribute() + "." + path.subAttribute();
        return didYouMean(written, names);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
