// The namespaces most of this project's files use, once (the rest are named where they are used).
global using Aspire.Hosting;
global using Aspire.Hosting.ApplicationModel;
