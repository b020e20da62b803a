package io.scimbridge.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One filterable value of a resource (see {@link AttributeIndexer}). Only queried, through
 * the filter translation; written in bulk with JDBC batches.
 */
@Entity
@Table(name = "scim_attribute")
@IdClass(AttributeRow.Key.class)
class AttributeRow {

    @Id
    @Column(name = "resource_pk")
    public Long resourcePk;

    @Id
    public String path;

    @Id
    public Integer elem;

    @Column(name = "str_exact")
    public String strExact;

    @Column(name = "str_ci")
    public String strCi;

    public BigDecimal num;

    public Boolean bool;

    public OffsetDateTime ts;

    /** Composite key; a class with fields named like the entity's ids, as JPA wants. */
    public static class Key implements Serializable {
        public Long resourcePk;
        public String path;
        public Integer elem;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(resourcePk, k.resourcePk)
                    && java.util.Objects.equals(path, k.path) && java.util.Objects.equals(elem, k.elem);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(resourcePk, path, elem);
        }
    }
}
