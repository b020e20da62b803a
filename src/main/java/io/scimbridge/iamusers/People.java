package io.scimbridge.iamusers;

import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /** Read beside the store's writer, a page of users at a time (100,000 users parsed at once would not fit in the heap). */
    public PersonDirectory directory() {
        Set<String> delivered = shadows.icIds(ResourceType.USER).keySet();
        List<Person> people = new ArrayList<>();
        resources.forEachPage(ResourceType.USER, users -> users.forEach(user -> people.add(new Person(user.id(),
                user.document().path("userName").asText(user.name()), DepartedPeople.primaryEmail(user.document()),
                user.active(), delivered.contains(user.id()), false))));
        people.addAll(departed.all());
        return new PersonDirectory(people);
    }
}
