package io.scimbridge.iamusers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.SourceResources;
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

    private final SourceResources resources;
    private final ShadowStore shadows;
    private final DepartedPeople departed;

    public People(SourceResources resources, ShadowStore shadows, DepartedPeople departed) {
        this.resources = resources;
        this.shadows = shadows;
        this.departed = departed;
    }

    public PersonDirectory directory() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> delivered = shadows.all(ResourceType.USER).stream().filter(s -> s.icId() != null)
                    .map(ShadowStore.Shadow::resourceId).collect(Collectors.toSet());
            List<Person> people = new ArrayList<>();
            for (SourceResource user : resources.all(ResourceType.USER)) {
                people.add(new Person(user.id(), user.document().path("userName").asText(user.name()),
                        DepartedPeople.primaryEmail(user.document()), user.active(), delivered.contains(user.id()),
                        false));
            }
            people.addAll(departed.all());
            return new PersonDirectory(people);
        });
    }
}
