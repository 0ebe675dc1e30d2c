package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no container engine), so its wiring is checked as data:
 * the names, ports, mounts and settings that must agree between compose, the Dockerfile, the nginx
 * files and the services' configuration, and the edge configuration compose mounts passes nginx's
 * own syntax check.
 */
class ComposeFileTest {
    static Map<String, Object> services;
    static Path nginxDir;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Reactor.composeFile()));
        services = (Map<String, Object>) compose.get("services");
        nginxDir = Reactor.root().resolve("deploy/nginx");
    }

    @Test
    void fourServicesAndOnlyTheEdgePublishesAPort() {
        assertThat(services).containsOnlyKeys("mongo", "command-service", "query-service", "edge");
        assertThat(services).allSatisfy((name, service) -> {
            if (!name.equals("edge")) {
                assertThat(map(service)).as(name).doesNotContainKey("ports");
            }
        });
        assertThat(list(service("edge").get("ports"))).singleElement().asString().endsWith(":8080");
        assertThat(read(nginxDir.resolve("compose/listen.conf"))).containsPattern("(?m)^listen 8080;$");
    }

    @Test
    void edgeMountsTheSharedEdgeConfAndComposesOwnEnvironment() {
        Map<String, Object> edge = service("edge");
        assertThat(edge.get("image")).isEqualTo("nginx:stable");
        assertThat(list(edge.get("volumes"))).containsExactlyInAnyOrder(
                "./deploy/nginx/edge.conf:/etc/nginx/nginx.conf:ro",
                "./deploy/nginx/compose:/etc/nginx/edge-env:ro");
        String edgeConf = read(Reactor.edgeConf());
        assertThat(edgeConf).contains("include edge-env/upstreams.conf;", "include edge-env/listen.conf;");
        assertThat(nginxDir.resolve("compose/upstreams.conf")).isRegularFile();
        assertThat(dependsOnHealthy(edge)).containsExactlyInAnyOrder("command-service", "query-service");
    }

    @Test
    void upstreamsNameTheServicesOnThePortsTheyListenOn() {
        String upstreams = read(nginxDir.resolve("compose/upstreams.conf"));
        assertThat(upstreamServer(upstreams, "proxyline_command"))
                .isEqualTo("command-service:" + port("command-service"));
        assertThat(upstreamServer(upstreams, "proxyline_query")).isEqualTo("query-service:" + port("query-service"));
        String edgeConf = read(Reactor.edgeConf());
        assertThat(edgeConf)
                .contains("proxy_pass http://$proxyline_upstream;", "proxyline_query;", "proxyline_command;");
    }

    @Test
    void servicesShareTheReplicaSetThatMongoInitialises() {
        Map<String, Object> mongo = service("mongo");
        assertThat(mongo.get("image")).isEqualTo("mongo:7");
        assertThat(list(mongo.get("command"))).containsSubsequence("--replSet", "rs0");
        String healthcheck = String.join(" ", list(map(mongo.get("healthcheck")).get("test")));
        assertThat(healthcheck).contains("rs.initiate(", "_id: 'rs0'", "host: 'mongo:27017'", "isWritablePrimary");
        for (String name : List.of("command-service", "query-service")) {
            Map<String, Object> environment = map(service(name).get("environment"));
            assertThat(environment.get(ServiceEnvironment.MONGO_URI)).as(name)
                    .isEqualTo("mongodb://mongo:27017/proxyline?replicaSet=rs0");
            assertThat(dependsOnHealthy(service(name))).as(name).containsExactly("mongo");
        }
    }

    @Test
    void servicesTakeCredentialsFromTheEnvironmentUnderTheNamesTheTestsUse() {
        for (String name : List.of("command-service", "query-service")) {
            Map<String, Object> environment = map(service(name).get("environment"));
            // Required, with no default: a secret never has a value in the repository.
            assertThat(String.valueOf(environment.get(ServiceEnvironment.ACCESS_KEY_ID))).as(name)
                    .startsWith("${PROXYLINE_ACCESS_KEY_ID:?");
            assertThat(String.valueOf(environment.get(ServiceEnvironment.SECRET_ACCESS_KEY))).as(name)
                    .startsWith("${PROXYLINE_SECRET_ACCESS_KEY:?");
            assertThat(String.valueOf(environment.get(ServiceEnvironment.ACCOUNT_ID))).as(name)
                    .startsWith("${PROXYLINE_ACCOUNT_ID:-");
            // Optional, empty by default (an entry with neither key nor secret is ignored by the services).
            assertThat(String.valueOf(environment.get(ServiceEnvironment.HOOK_KEY_ID))).as(name)
                    .isEqualTo("${PROXYLINE_HOOK_KEY_ID:-}");
            assertThat(String.valueOf(environment.get(ServiceEnvironment.HOOK_SECRET))).as(name)
                    .isEqualTo("${PROXYLINE_HOOK_SECRET:-}");
            assertThat(String.valueOf(environment.get(ServiceEnvironment.HOOK_ACCOUNT_ID))).as(name)
                    .startsWith("${PROXYLINE_ACCOUNT_ID:-");
            // The same webhook signing key for both services (secrets are derived from it); optional.
            assertThat(String.valueOf(environment.get(ServiceEnvironment.WEBHOOKS_SIGNING_KEY))).as(name)
                    .isEqualTo("${PROXYLINE_WEBHOOKS_SIGNING_KEY:-}");
        }
    }

    @Test
    void servicesAreBuiltFromTheDockerfileAndCheckedOnTheirHealthEndpoint() {
        String dockerfile = read(Reactor.root().resolve("deploy/Dockerfile"));
        for (String name : List.of("command-service", "query-service")) {
            Map<String, Object> service = service(name);
            Map<String, Object> build = map(service.get("build"));
            assertThat(build.get("context")).isEqualTo(".");
            assertThat(build.get("dockerfile")).isEqualTo("deploy/Dockerfile");
            assertThat(build.get("target")).isEqualTo(name);
            assertThat(dockerfile).containsPattern("(?m)^FROM \\S+ AS " + Pattern.quote(name) + "$");
            assertThat(list(service.get("expose"))).containsExactly(port(name));
            assertThat(list(map(service.get("healthcheck")).get("test")))
                    .contains("http://127.0.0.1:" + port(name) + "/actuator/health");
        }
        assertThat(dockerfile).contains("./mvnw ", "USER 10001");
        assertThat(Reactor.root().resolve("deploy/Dockerfile.dockerignore")).isRegularFile();
    }

    /**
     * nginx -t on edge.conf with compose's edge-env, as far as Debian's nginx (1.22) can check it:
     * it knows neither the `resolve` server parameter (nginx >= 1.27.3, which nginx:stable is) nor
     * the compose host names, so the copy drops the one and points the others at 127.0.0.1, and
     * keeps temp files inside the prefix. Everything else is compose's file as it is.
     */
    @Test
    void composeEdgeConfigurationPassesNginxSyntaxCheck() throws IOException {
        Path prefix = Reactor.workDir("compose-nginx-check");
        Path env = Files.createDirectories(prefix.resolve("conf/edge-env"));
        Files.createDirectories(prefix.resolve("temp"));
        Files.copy(Reactor.edgeConf(), prefix.resolve("conf/nginx.conf"));
        String upstreams = read(nginxDir.resolve("compose/upstreams.conf"))
                .replace(" resolve;", ";")
                .replace("command-service:", "127.0.0.1:")
                .replace("query-service:", "127.0.0.1:");
        Files.writeString(env.resolve("upstreams.conf"), String.join("\n",
                "client_body_temp_path temp/client_body;", "proxy_temp_path temp/proxy;",
                "fastcgi_temp_path temp/fastcgi;", "uwsgi_temp_path temp/uwsgi;", "scgi_temp_path temp/scgi;",
                upstreams));
        Files.copy(nginxDir.resolve("compose/listen.conf"), env.resolve("listen.conf"));

        Edge.CheckResult check = Edge.check(prefix);

        assertThat(check.exitStatus()).as(check.output()).isZero();
        assertThat(check.output()).contains("syntax is ok", "test is successful");
    }

    private static String upstreamServer(String upstreams, String upstream) {
        Matcher m = Pattern.compile("upstream " + upstream + " \\{[^}]*?server (\\S+?)[ ;]").matcher(upstreams);
        assertThat(m.find()).as("upstream %s in %s", upstream, upstreams).isTrue();
        return m.group(1);
    }

    private static String port(String service) {
        return String.valueOf(map(service(service).get("environment")).get("SERVER_PORT"));
    }

    private static List<String> dependsOnHealthy(Map<String, Object> service) {
        return map(service.get("depends_on")).entrySet().stream()
                .filter(e -> "service_healthy".equals(map(e.getValue()).get("condition")))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
