package io.proxyline.command;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the {@link ProxyRejected} an aggregate throws, by its error code. */
public final class Rejections {
    private Rejections() {}

    public static Matcher<Object> rejected(AwsErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof ProxyRejected r && r.code() == code;
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("ProxyRejected " + code);
            }
        };
    }
}
