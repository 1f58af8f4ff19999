using System.Runtime.InteropServices;

namespace ReasoningGraph.Archive.FileSystem;

/// <summary>
/// Puts a finished file in place only if nothing is there, atomically. <see cref="File.Move(string, string, bool)"/>
/// cannot be used on Unix: without overwrite it checks for the destination and then calls <c>rename</c>, which
/// replaces, so two racing writers could both "succeed". <c>link(2)</c> fails with <c>EEXIST</c> instead.
/// </summary>
internal static partial class NoReplaceMove
{
    private const int EEXIST = 17; // the same value on Linux and macOS

    /// <summary>Links <paramref name="source"/> at <paramref name="destination"/>; the caller removes the source.</summary>
    /// <returns>False when <paramref name="destination"/> already exists.</returns>
    /// <exception cref="IOException">Any other failure.</exception>
    public static bool TryPlace(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING is already atomic and refuses an existing destination.
            try
            {
                File.Move(source, destination, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return false;
            }
        }

        if (Link(source, destination) == 0)
        {
            return true;
        }

        int error = Marshal.GetLastPInvokeError();
        return error == EEXIST
            ? false
            : throw new IOException($"Could not link '{source}' at '{destination}': {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);
}
