package dev.registrish.store;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and how to reach one bucket: the profile's settings resolved against the command's options.
 *
 * @param uri the endpoint, or null for the SDK's default (AWS)
 * @param region the signing region, or null for the SDK's region chain
 * @param acl the object ACL to send ({@code none} or {@code public-read})
 * @param credentials the SDK's default chain, or anonymous for the embedded endpoint
 */
public record Endpoint(Profile profile, URI uri, String region, String bucket, String acl,
    AwsCredentialsProvider credentials) {}
