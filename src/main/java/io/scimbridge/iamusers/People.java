package io.scimbridge.iamusers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.resource.ResourceEntity;
import io.scimbridge.resource.ResourceStore;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every person the bridge knows: the users of the store (all sources), each migrated when the
 * bridge delivered it to Identity Center (it has a shadow with an Identity Center id), and the
 * people the IdP deleted ({@link DepartedPeople}).
 */
@ApplicationScoped
public class People {

    private final ResourceStore store;
    private final ShadowStore shadows;
    private final DepartedPeople departed;

    public People(ResourceStore store, ShadowStore shadows, DepartedPeople departed) {
        this.store = store;
        this.shadows = shadows;
        this.departed = departed;
    }

    public PersonDirectory directory() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> delivered = shadows.all(ResourceType.USER).stream().filter(s -> s.icId() != null)
                    .map(ShadowStore.Shadow::resourceId).collect(Collectors.toSet());
            List<Person> people = new ArrayList<>();
            for (ResourceEntity user : store.all(ResourceType.USER)) {
                var document = store.document(user);
                people.add(new Person(user.id, document.path("userName").asText(user.nameValue),
                        DepartedPeople.primaryEmail(document), !Boolean.FALSE.equals(user.active),
                        delivered.contains(user.id), false));
            }
            people.addAll(departed.all());
            return new PersonDirectory(people);
        });
    }
}
