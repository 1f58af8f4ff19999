using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of the test server that a test can take down (connections refused, open ones cut),
/// bring back on the same port, or turn into a black hole (accepts, never answers).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(string targetHost, int targetPort, bool blackHole = false)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        BlackHole = blackHole;
        Start();
    }

    public int Port { get; private set; }

    public bool BlackHole { get; }

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>Refuses new connections and cuts every open one.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener?.Stop();
        foreach (var client in _open.Keys)
        {
            try
            {
                client.Client?.LingerState = new LingerOption(true, 0); // reset, like a crashed server
            }
            catch (ObjectDisposedException)
            {
            }

            client.Dispose();
        }

        _open.Clear();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _open[client] = 0;
            if (!BlackHole)
            {
                _ = ForwardAsync(client, stop);
            }
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken stop)
    {
        var server = new TcpClient();
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, stop);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), stop),
                server.GetStream().CopyToAsync(client.GetStream(), stop));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
