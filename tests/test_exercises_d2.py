import torch

from sciml_course.exercises import d2


def test_parameter_count_checker():
    assert d2.check_spectral_parameter_count(2 * 32 * 32 * 16).passed
    wrong = d2.check_spectral_parameter_count(32 * 32 * 16)
    assert wrong.status == "wrong" and "complex" in wrong.message
    assert d2.check_spectral_parameter_count(7).status == "wrong"
    assert d2.check_spectral_parameter_count(None).status == "not attempted"


def test_spectral_conv_checker():
    assert d2.check_spectral_conv(d2._reference_spectral_conv).passed

    def no_n(v, weights):  # forgets n=N: wrong on odd grids
        modes = weights.shape[-1]
        v_hat = torch.fft.rfft(v)
        out = torch.zeros(v.shape[0], weights.shape[1], v.shape[-1] // 2 + 1, dtype=v_hat.dtype)
        out[..., :modes] = torch.einsum("bik,iok->bok", v_hat[..., :modes], weights)
        return torch.fft.irfft(out)

    assert d2.check_spectral_conv(no_n).status == "wrong"
    assert d2.check_spectral_conv(lambda v, w: 1 / 0).status == "wrong"
    assert d2.check_spectral_conv(None).status == "not attempted"


def test_deeponet_combine_checker():
    assert d2.check_deeponet_combine(lambda b, t, c: b @ t.T + c).passed
    missing_bias = d2.check_deeponet_combine(lambda b, t, c: b @ t.T)
    assert missing_bias.status == "wrong" and "bias" in missing_bias.message
    assert d2.check_deeponet_combine(lambda b, t, c: t @ b.T + c).status == "wrong"
    assert d2.check_deeponet_combine(None).status == "not attempted"
