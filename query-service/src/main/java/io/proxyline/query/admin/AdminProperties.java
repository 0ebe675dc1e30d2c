package io.proxyline.query.admin;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may run operator operations (the {@code projections} actuator endpoint).
 *
 * @param accountIds the operator accounts: a SigV4-verified caller acting for one of them is an
 *     operator, every other caller is refused. Empty (the default) means nobody.
 */
@ConfigurationProperties("proxyline.admin")
record AdminProperties(@DefaultValue List<String> accountIds) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    AdminProperties {
        for (String accountId : accountIds) {
            if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
                throw new IllegalArgumentException(
                        "proxyline.admin.account-ids must be 12-digit account ids, got '" + accountId + "'");
            }
        }
        accountIds = List.copyOf(accountIds);
    }
}
