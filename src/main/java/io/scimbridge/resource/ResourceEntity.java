package io.scimbridge.resource;

import io.scimbridge.scim.ResourceType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.OffsetDateTime;

/**
 * The source state of one SCIM resource: the canonical JSON document the IdP sent (without
 * id, meta, password and memberships, which have columns or tables of their own).
 */
@Entity
@Table(name = "scim_resource")
class ResourceEntity {

    /** Surrogate key; its order is the stable listing order that Okta's paging relies on. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(nullable = false, length = 36)
    public String id;

    @Column(nullable = false, length = 64)
    public String source;

    @Column(name = "resource_type", nullable = false, length = 8)
    public String resourceType;

    @Column(name = "name_key", nullable = false)
    public String nameKey;

    @Column(name = "name_value", nullable = false)
    public String nameValue;

    @Column(name = "external_id")
    public String externalId;

    public Boolean active;

    /** Set while a write takes access away (see {@link ResourceChanged#revokesAccess()}); never stored. */
    @Transient
    public boolean revokesAccess;

    @Column(nullable = false, columnDefinition = "text")
    public String document;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public OffsetDateTime created;

    @Column(name = "last_modified", nullable = false)
    public OffsetDateTime lastModified;

    public ResourceType type() {
        return ResourceType.fromWireName(resourceType);
    }
}
