package io.proxyline.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chime.ChimeClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * Real AWS SDK for Java v2 clients pointed at a Proxyline endpoint: the {@code chime-sdk-voice}
 * client and the legacy {@code chime} one, region us-east-1, the URLConnection HTTP client.
 * By default they do not retry, so a test sees the first answer (a 429 or 503 included); pass
 * {@code retries = true} for the SDK's standard retry behaviour.
 */
public final class AwsClients {
    private AwsClients() {}

    public static ChimeSdkVoiceClient chimeSdkVoice(URI endpoint) {
        return chimeSdkVoice(endpoint, TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY, false);
    }

    public static ChimeSdkVoiceClient chimeSdkVoice(URI endpoint, String accessKeyId, String secretAccessKey) {
        return chimeSdkVoice(endpoint, accessKeyId, secretAccessKey, false);
    }

    public static ChimeSdkVoiceClient chimeSdkVoice(URI endpoint, String accessKeyId, String secretAccessKey,
                                                    boolean retries) {
        return ChimeSdkVoiceClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId, secretAccessKey))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides(retries))
                .build();
    }

    public static ChimeClient chime(URI endpoint) {
        return chime(endpoint, TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY, false);
    }

    public static ChimeClient chime(URI endpoint, String accessKeyId, String secretAccessKey) {
        return chime(endpoint, accessKeyId, secretAccessKey, false);
    }

    public static ChimeClient chime(URI endpoint, String accessKeyId, String secretAccessKey, boolean retries) {
        return ChimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId, secretAccessKey))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides(retries))
                .build();
    }

    private static StaticCredentialsProvider credentials(String accessKeyId, String secretAccessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    private static ClientOverrideConfiguration overrides(boolean retries) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retries ? AwsRetryStrategy.standardRetryStrategy() : AwsRetryStrategy.doNotRetry())
                .build();
    }
}
