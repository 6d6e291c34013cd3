"""The caseworker's worklist around the engine's tasks: service levels (SLA), saved queue views, the inbox and e-mail,
comments and attachments, and how the domain reacts to task events. Imports only assistance.core."""
