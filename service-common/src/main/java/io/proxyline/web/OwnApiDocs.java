package io.proxyline.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes the OpenAPI document springdoc derives from the controllers of Proxyline's own
 * endpoints with what the controllers do not declare, because they read their input through the
 * service model ({@link AwsRequests}) rather than through Spring's binding: each operation gets its
 * model name as {@code operationId}, its query parameters, headers and JSON body members with the
 * model's types and constraints, its success status, the AWS error responses and its
 * authentication (SigV4; the routing hook also HTTP Basic). The operations are those of
 * {@code proxyline-extensions.json}; the AWS API's own operations are described by the AWS model
 * and are not in this document.
 */
public final class OwnApiDocs implements OpenApiCustomizer {
    private static final String SIGV4 = "sigv4";
    private static final String HOOK_BASIC = "hookBasic";
    private static final String ERROR = "AwsError";

    private final AwsModel model;

    public OwnApiDocs(AwsModel model) {
        this.model = model;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("Proxyline's own endpoints").version("1")
                .description("The routing hook, session history and audit, the event stream, event subscriptions "
                        + "(webhooks) and projection replays. The Amazon Chime SDK Voice operations Proxyline also "
                        + "serves are described by the AWS service model, not here. Every request is SigV4-signed "
                        + "(service chime); the routing hook also takes a hook credential as HTTP Basic."));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.addSecuritySchemes(SIGV4, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("Authorization")
                .description("AWS Signature Version 4, service name chime, as the AWS SDKs and CLI sign"));
        components.addSecuritySchemes(HOOK_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A routing-hook credential (proxyline.hook-credentials), for CreateProxyInteraction only"));
        components.addSchemas(ERROR, new ObjectSchema()
                .addProperty("Code", new StringSchema().example("BadRequest"))
                .addProperty("Message", new StringSchema())
                .description("The AWS error shape; the header x-amzn-ErrorType names the exception"));
        if (api.getPaths() == null) return;
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method, operation)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        AwsModel.Operation modelled = find(method.name(), path);
        if (modelled == null) return;
        operation.operationId(modelled.name()).summary(modelled.name());
        operation.tags(List.of(tagOf(path)));
        AwsModel.Shape input = model.shape(modelled.inputShape());
        List<Parameter> parameters = new ArrayList<>();
        ObjectSchema body = new ObjectSchema();
        for (AwsModel.Member member : input.members().values()) {
            Schema<?> schema = schema(member.shape(), 0);
            boolean required = input.required().contains(member.name());
            switch (member.location()) {
                case URI -> parameters.add(new Parameter().in("path").name(member.locationName()).required(true)
                        .schema(schema));
                case QUERYSTRING -> parameters.add(new Parameter().in("query").name(member.locationName())
                        .required(required).schema(schema));
                case HEADER -> parameters.add(new Parameter().in("header").name(member.locationName())
                        .required(required).schema(schema));
                case BODY -> {
                    body.addProperty(member.name(), schema);
                    if (required) body.addRequiredItem(member.name());
                }
            }
        }
        operation.parameters(parameters);
        if (body.getProperties() != null) {
            operation.requestBody(new RequestBody().required(true)
                    .content(new Content().addMediaType("application/json", new MediaType().schema(body))));
        }
        String produced = "StreamEvents".equals(modelled.name()) ? "text/event-stream" : "application/json";
        ApiResponses responses = new ApiResponses();
        ApiResponse success = new ApiResponse().description("Success");
        if (modelled.successStatus() != 204) {
            success.content(new Content().addMediaType(produced, new MediaType().schema(new ObjectSchema())));
        }
        responses.addApiResponse(Integer.toString(modelled.successStatus()), success);
        for (Map.Entry<String, String> error : Map.of(
                "400", "BadRequestException: the input breaks the model or a rule",
                "401", "UnauthorizedClientException: missing or bad signature",
                "404", "NotFoundException: no such resource for this account",
                "429", "ThrottledClientException: the account's request rate is exceeded",
                "503", "ServiceUnavailableException: a store is down or the projections are behind; retry").entrySet()) {
            responses.addApiResponse(error.getKey(), new ApiResponse().description(error.getValue())
                    .content(new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR)))));
        }
        operation.responses(responses);
        List<SecurityRequirement> security = new ArrayList<>();
        security.add(new SecurityRequirement().addList(SIGV4));
        if ("CreateProxyInteraction".equals(modelled.name())) security.add(new SecurityRequirement().addList(HOOK_BASIC));
        operation.security(security);
    }

    /** The model's operation with this method and path template (labels compared by position, not name). */
    private AwsModel.Operation find(String method, String path) {
        String wanted = normalise(path);
        for (String name : model.operationNames()) {
            AwsModel.Operation operation = model.operation(name);
            String uri = operation.requestUri();
            int query = uri.indexOf('?');
            if (operation.method().equals(method) && normalise(query < 0 ? uri : uri.substring(0, query)).equals(wanted)) {
                // GetProxySessionAt shares GetProxySession's path; it is not one of this document's paths.
                return operation;
            }
        }
        return null;
    }

    private static String normalise(String template) {
        return template.replaceAll("\\{[^}]+}", "{}");
    }

    private static String tagOf(String path) {
        if (path.endsWith("/proxy-interactions") || path.endsWith("/interactions")) return "Routing hook";
        if (path.endsWith("/history")) return "History";
        if (path.startsWith("/events")) return "Event stream";
        return "Event subscriptions";
    }

    private Schema<?> schema(String shapeName, int depth) {
        AwsModel.Shape shape = model.shape(shapeName);
        Schema<?> schema = switch (shape.type()) {
            case STRING -> new StringSchema();
            case INTEGER, LONG -> new Schema<>().type("integer");
            case BOOLEAN -> new Schema<>().type("boolean");
            case TIMESTAMP -> new StringSchema().format("date-time");
            case LIST -> new ArraySchema().items(depth > 8 ? new ObjectSchema() : schema(shape.listMember(), depth + 1));
            case STRUCTURE -> {
                ObjectSchema object = new ObjectSchema();
                if (depth <= 8) {
                    for (AwsModel.Member member : shape.members().values()) {
                        object.addProperty(member.name(), schema(member.shape(), depth + 1));
                        if (shape.required().contains(member.name())) object.addRequiredItem(member.name());
                    }
                }
                yield object;
            }
        };
        if (shape.enumValues() != null && schema instanceof StringSchema text) {
            text.setEnum(shape.enumValues());
        }
        if (shape.pattern() != null) schema.pattern(shape.pattern().pattern());
        switch (shape.type()) {
            case STRING -> {
                if (shape.min() != null) schema.minLength(shape.min().intValue());
                if (shape.max() != null) schema.maxLength(shape.max().intValue());
            }
            case LIST -> {
                if (shape.min() != null) schema.minItems(shape.min().intValue());
                if (shape.max() != null) schema.maxItems(shape.max().intValue());
            }
            case INTEGER, LONG -> {
                if (shape.min() != null) schema.minimum(BigDecimal.valueOf(shape.min()));
                if (shape.max() != null) schema.maximum(BigDecimal.valueOf(shape.max()));
            }
            default -> { }
        }
        return schema;
    }
}
