package io.scimbridge.scim.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** RFC 7643 §7 attribute definition. Immutable; built with {@link #builder}. */
public record AttributeDef(
        String name,
        AttributeType type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        Uniqueness uniqueness,
        List<String> canonicalValues,
        List<String> referenceTypes,
        List<AttributeDef> subAttributes) {

    public AttributeDef {
        canonicalValues = List.copyOf(canonicalValues);
        referenceTypes = List.copyOf(referenceTypes);
        subAttributes = List.copyOf(subAttributes);
    }

    public Optional<AttributeDef> subAttribute(String subName) {
        for (AttributeDef sub : subAttributes) {
            if (sub.name.equalsIgnoreCase(subName)) {
                return Optional.of(sub);
            }
        }
        return Optional.empty();
    }

    public boolean isComplex() { return type == AttributeType.COMPLEX; }

    public String lowerName() { return name.toLowerCase(Locale.ROOT); }

    public static Builder builder(String name, AttributeType type) {
        return new Builder(name, type);
    }

    public static final class Builder {
        private final String name;
        private final AttributeType type;
        private boolean multiValued;
        private String description = "";
        private boolean required;
        private boolean caseExact;
        private Mutability mutability = Mutability.READ_WRITE;
        private Returned returned = Returned.DEFAULT;
        private Uniqueness uniqueness = Uniqueness.NONE;
        private List<String> canonicalValues = List.of();
        private List<String> referenceTypes = List.of();
        private List<AttributeDef> subAttributes = List.of();

        private Builder(String name, AttributeType type) {
            this.name = name;
            this.type = type;
        }

        public Builder multiValued() { this.multiValued = true; return this; }
        public Builder description(String d) { this.description = d; return this; }
        public Builder required() { this.required = true; return this; }
        public Builder caseExact() { this.caseExact = true; return this; }
        public Builder mutability(Mutability m) { this.mutability = m; return this; }
        public Builder readOnly() { return mutability(Mutability.READ_ONLY); }
        public Builder immutable() { return mutability(Mutability.IMMUTABLE); }
        public Builder returned(Returned r) { this.returned = r; return this; }
        public Builder uniqueness(Uniqueness u) { this.uniqueness = u; return this; }
        public Builder canonicalValues(String... v) { this.canonicalValues = List.of(v); return this; }
        public Builder referenceTypes(String... v) { this.referenceTypes = List.of(v); return this; }
        public Builder subAttributes(AttributeDef... subs) { this.subAttributes = List.of(subs); return this; }

        public AttributeDef build() {
            return new AttributeDef(name, type, multiValued, description, required, caseExact,
                    mutability, returned, uniqueness, canonicalValues, referenceTypes, subAttributes);
        }
    }
}
