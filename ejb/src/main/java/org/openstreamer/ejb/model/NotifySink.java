package org.openstreamer.ejb.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event sink ({@code notify NAME { ... }} in the reference's configuration): where events go
 * ({@code sink}: {@code http://}, {@code https://} or {@code log://} URL), which of them
 * ({@code only} and {@code except} rules: key to accepted values, {@code *} for any), the key that
 * signs HTTP bodies ({@code sign_key}, or null) and the {@code verbose} level (debug, info, alert).
 */
public record NotifySink(String name, String sink, List<Map<String, List<String>>> only,
                         List<Map<String, List<String>>> except, String signKey, String verbose) {

    public static final String DEFAULT_VERBOSE = "debug";

    public NotifySink {
        only = copy(only);
        except = copy(except);
        verbose = verbose == null ? DEFAULT_VERBOSE : verbose;
    }

    private static List<Map<String, List<String>>> copy(List<Map<String, List<String>>> rules) {
        return rules == null ? List.of() : rules.stream()
                .map(r -> {
                    Map<String, List<String>> m = new LinkedHashMap<>();
                    r.forEach((k, v) -> m.put(k, List.copyOf(v)));
                    return Collections.unmodifiableMap(m);
                }).toList();
    }
}
