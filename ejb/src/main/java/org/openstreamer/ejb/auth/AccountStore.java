package org.openstreamer.ejb.auth;

import java.sql.SQLException;
import java.util.Optional;

/** Where logins are read from; {@link AccountRows} in the server, a map in tests. */
@FunctionalInterface
public interface AccountStore {

    Optional<Account> find(String username) throws SQLException;
}
