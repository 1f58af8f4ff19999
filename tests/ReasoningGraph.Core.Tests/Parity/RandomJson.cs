using System.Text;

namespace ReasoningGraph.Tests.Parity;

/// <summary>
/// Writes random JSON documents that both canonical profiles must accept: duplicate-free, well-formed UTF-8,
/// surrogate-correct, at most 256 levels deep, every number finite. It varies everything canonicalization
/// must erase (member order, whitespace, escape choices, number spellings). Independent of the Go generator
/// in tools/go-canonical on purpose, so the two explore different inputs.
/// </summary>
internal sealed partial class RandomJson(int seed)
{
    private readonly Random _random = new(seed);
    private readonly StringBuilder _text = new();

    public string Document()
    {
        _text.Clear();
        Whitespace();
        switch (_random.Next(20))
        {
            case 0:
                Scalar();
                break;
            case 1:
                Deep(1 + _random.Next(256));
                break;
            case 2:
                Array(1 + _random.Next(40), Number);
                break;
            default:
                Value(0, 1 + _random.Next(6));
                break;
        }

        Whitespace();
        return _text.ToString();
    }

    private void Value(int depth, int maxDepth)
    {
        if (depth >= maxDepth || _random.Next(3) == 0)
        {
            Scalar();
        }
        else if (_random.Next(2) == 0)
        {
            Array(_random.Next(7), () => Value(depth + 1, maxDepth));
        }
        else
        {
            Object(_random.Next(7), () => Value(depth + 1, maxDepth));
        }
    }

    private void Scalar()
    {
        switch (_random.Next(10))
        {
            case 0: _text.Append("null"); break;
            case 1: _text.Append("true"); break;
            case 2: _text.Append("false"); break;
            case < 6: Number(); break;
            default: String(Text(30)); break;
        }
    }

    /// <summary>Exactly <paramref name="levels"/> nested containers.</summary>
    private void Deep(int levels)
    {
        var closers = new Stack<char>();
        for (int i = 0; i < levels; i++)
        {
            if (_random.Next(2) == 0)
            {
                _text.Append('[');
                closers.Push(']');
            }
            else
            {
                _text.Append('{');
                String(Text(3));
                _text.Append(':');
                closers.Push('}');
            }

            Whitespace();
        }

        Scalar();
        while (closers.Count > 0)
        {
            Whitespace();
            _text.Append(closers.Pop());
        }
    }

    private void Array(int count, Action item)
    {
        _text.Append('[');
        for (int i = 0; i < count; i++)
        {
            Separator(i);
            item();
        }

        Whitespace();
        _text.Append(']');
    }

    /// <summary>Keys are distinct after unescaping, which is how duplicates are judged.</summary>
    private void Object(int count, Action value)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        _text.Append('{');
        for (int i = 0; i < count; i++)
        {
            string key = _random.Next(3) == 0 ? Identifier() : Text(8);
            if (!keys.Add(key))
            {
                continue;
            }

            Separator(keys.Count - 1);
            String(key);
            Whitespace();
            _text.Append(':');
            Whitespace();
            value();
        }

        Whitespace();
        _text.Append('}');
    }

    private void Separator(int index)
    {
        Whitespace();
        if (index > 0)
        {
            _text.Append(',');
            Whitespace();
        }
    }

    private void Whitespace()
    {
        for (int n = _random.Next(4) == 0 ? 1 + _random.Next(3) : 0; n > 0; n--)
        {
            _text.Append(" \t\r\n"[_random.Next(4)]);
        }
    }
}
