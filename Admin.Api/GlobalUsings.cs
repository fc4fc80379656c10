// The namespaces most of this project's files use, once (the rest are named where they are used).
global using System.Text.Json;
global using ClientPlatform.Clients.Core;
global using ClientPlatform.Clients.Core.Audit;
global using ClientPlatform.Clients.Infrastructure.RateLimiting;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using ClientPlatform.Clients.Core.Lifecycle;
global using ClientPlatform.Clients.Infrastructure.Lifecycle;
