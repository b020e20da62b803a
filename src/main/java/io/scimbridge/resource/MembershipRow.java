package io.scimbridge.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One member of one group, by surrogate keys; deleting either side removes the row. */
@Entity
@Table(name = "scim_membership")
@IdClass(MembershipRow.Key.class)
class MembershipRow {

    @Id
    @Column(name = "group_pk")
    public Long groupPk;

    @Id
    @Column(name = "member_pk")
    public Long memberPk;

    /** Composite key; a class with fields named like the entity's ids, as JPA wants. */
    public static class Key implements Serializable {
        public Long groupPk;
        public Long memberPk;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(groupPk, k.groupPk)
                    && java.util.Objects.equals(memberPk, k.memberPk);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(groupPk, memberPk);
        }
    }
}
