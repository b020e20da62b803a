package io.scimbridge.iamusers;

import java.util.Optional;

/**
 * An IAM user, what it is, and the person it is linked to.
 *
 * @param linkedBy how the link was made ("user name", "email tag", "iamUsers.match[2]"), when linked
 */
public record ClassifiedUser(IamUser user, IamUserClass kind, Optional<Person> person, Optional<String> linkedBy) {
}
