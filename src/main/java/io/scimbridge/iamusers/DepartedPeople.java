package io.scimbridge.iamusers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.resource.ResourceChanged;
import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * Remembers who the IdP deleted (table departed_person, V13): the store forgets them, but their
 * IAM users are the ones that most need finding. Written in the deleting transaction, from the
 * document about to be removed.
 */
@ApplicationScoped
public class DepartedPeople {

    private final EntityManager em;
    private final SourceResources resources;

    public DepartedPeople(EntityManager em, SourceResources resources) {
        this.em = em;
        this.resources = resources;
    }

    void onChange(@Observes ResourceChanged change) {
        if (change.type() != ResourceType.USER || change.kind() != ResourceChanged.Kind.DELETED) {
            return;
        }
        SourceResource departing = resources.changed(change).orElse(null);
        if (departing == null) {
            return;
        }
        ObjectNode document = departing.document();
        em.createNativeQuery("delete from departed_person where resource_id = :id").setParameter("id", change.id())
                .executeUpdate();
        em.createNativeQuery("insert into departed_person (resource_id, user_name, email, departed_at)"
                        + " values (:id, :name, :email, :at)")
                .setParameter("id", change.id()).setParameter("name", document.path("userName").asText(departing.name()))
                .setParameter("email", primaryEmail(document).orElse(null))
                .setParameter("at", System.currentTimeMillis()).executeUpdate();
    }

    List<Person> all() {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select resource_id, user_name, email from departed_person"
                    + " order by departed_at desc").getResultList();
            return rows.stream().map(r -> new Person((String) r[0], (String) r[1], Optional.ofNullable((String) r[2]),
                    false, false, true)).toList();
        });
    }

    /** The email marked primary, else the first. */
    static Optional<String> primaryEmail(JsonNode document) {
        JsonNode emails = document.path("emails");
        JsonNode chosen = null;
        for (JsonNode email : emails) {
            if (chosen == null || email.path("primary").asBoolean(false)) {
                chosen = email;
                if (email.path("primary").asBoolean(false)) {
                    break;
                }
            }
        }
        return chosen == null || chosen.path("value").asText("").isBlank() ? Optional.empty()
                : Optional.of(chosen.path("value").asText());
    }
}
