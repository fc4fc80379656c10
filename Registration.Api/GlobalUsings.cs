// The namespaces most of this project's files use, once (the rest are named where they are used).
global using System.Text.Json;
global using ClientPlatform.Clients.Core;
global using ClientPlatform.Clients.Core.OAuth;
global using ClientPlatform.Clients.Core.Persistence;
global using ClientPlatform.Clients.Core.Registration;
global using Microsoft.AspNetCore.Http.HttpResults;
global using ClientPlatform.Clients.Core.Lifecycle;
global using ClientPlatform.Clients.Infrastructure.Lifecycle;
