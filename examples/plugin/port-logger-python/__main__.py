"""examples/port-logger in Python: a flow log logger on one NHN Cloud port, through the flowlog provider plugin."""

import pulumi
import pulumi_flowlog as flowlog

# Defaults are the emulator's seeded ids, so the example runs against `npm run emulator` without setup.
config = pulumi.Config()
port_id = config.get("portId") or "cccccccc-0001-4000-8000-000000000111"
storage_url = (
    config.get("storageUrl")
    or "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/web"
)

# Logs every packet of one port; name, description and admin_state_up change in place, the rest replaces.
logger = flowlog.nhncloud.FlowLogLogger(
    "web-port",
    resource_type=flowlog.nhncloud.ResourceType.PORT,
    resource_id=port_id,
    storage_url=storage_url,
    description="web server port",
    aggregation_interval=5,
    customized_fields=["timestamp_start", "src_addr", "dst_addr", "dst_port", "protocol", "packets", "bytes"],
)

ports = flowlog.nhncloud.get_logging_ports_output(logger_id=logger.id)

pulumi.export("loggerId", logger.id)
pulumi.export("loggerName", logger.name)
pulumi.export("status", logger.status)
pulumi.export("loggedPorts", ports.logging_ports.apply(lambda found: [port.port_id for port in found]))
