// The namespaces most of this project's files use, once (the rest are named where they are used).
global using ClientPlatform.Clients.Core.Audit;
