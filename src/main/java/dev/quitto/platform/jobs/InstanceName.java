package dev.quitto.platform.jobs;

/**
 * The name of this running instance ({@code QUITTO_INSTANCE_NAME}, default host name and process id): recorded
 * on the jobs and e-mails it claims, so that work done by several instances can be told apart.
 */
public record InstanceName(String value) {

    public InstanceName {
        if (value.isBlank()) {
            throw new IllegalArgumentException("The instance name must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
