package io.scimbridge.iamusers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links each IAM user to a person and classifies it. The link, first that finds a person: the IAM
 * user name, then its {@code email} tag, each equal to a person's userName or primary email
 * (case-insensitively), then the rules of {@code iamUsers.match} in order. {@code keep} comes
 * before anything else.
 */
final class Classifier {

    private final PersonDirectory people;
    private final IamUsersRules rules;

    Classifier(PersonDirectory people, IamUsersRules rules) {
        this.people = people;
        this.rules = rules;
    }

    List<ClassifiedUser> classify(List<IamUser> users) {
        List<ClassifiedUser> classified = new ArrayList<>();
        for (IamUser user : users) {
            classified.add(classify(user));
        }
        return classified;
    }

    ClassifiedUser classify(IamUser user) {
        Optional<Link> link = link(user);
        Optional<Person> person = link.map(Link::person);
        IamUserClass kind;
        if (rules.kept(user)) {
            kind = IamUserClass.KEPT;
        } else if (person.isPresent()) {
            Person p = person.get();
            kind = !p.active() ? IamUserClass.PERSON_LEFT
                    : p.migrated() ? IamUserClass.PERSON_MIGRATED : IamUserClass.PERSON_NOT_MIGRATED;
        } else {
            kind = user.password() ? IamUserClass.UNLINKED_HUMAN : IamUserClass.SERVICE;
        }
        return new ClassifiedUser(user, kind, person, link.map(Link::by));
    }

    private record Link(Person person, String by) {
    }

    private Optional<Link> link(IamUser user) {
        Optional<Person> byName = people.find(user.userName());
        if (byName.isPresent()) {
            return Optional.of(new Link(byName.get(), "user name"));
        }
        Optional<Person> byTag = user.tags().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("email"))
                .findFirst().flatMap(e -> people.find(e.getValue()));
        if (byTag.isPresent()) {
            return Optional.of(new Link(byTag.get(), "email tag"));
        }
        for (int i = 0; i < rules.match().size(); i++) {
            Optional<Person> byRule = rules.match().get(i).personOf(user).flatMap(people::find);
            if (byRule.isPresent()) {
                return Optional.of(new Link(byRule.get(), "iamUsers.match[" + (i + 1) + "]"));
            }
        }
        return Optional.empty();
    }
}
