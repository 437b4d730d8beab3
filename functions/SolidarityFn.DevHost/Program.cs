using SolidarityFn.DevHost;

var app = DevHostApp.Build(args);
await app.RunAsync();
